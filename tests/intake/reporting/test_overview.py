"""Where the call stands, as the digest tells it: counts, what is new, what asks for
attention and how a person's review settles it, versions under the one that counts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from intake.config import load_settings
from intake.presenting.nominations import load_nominations
from intake.reading.pending import read_pending
from intake.receiving.backfill import import_paths
from intake.reporting import overview as ov
from intake.reporting.overview import build_overview
from store import ReviewRecord, Store
from tests.support.inbox import TRUST, arriving, nomination_mail, write
from tests.support.mail import DEADLINE


@pytest.fixture
def filed(tmp_path):
    config = tmp_path / "intake.toml"
    config.write_text(
        '[campaign]\nname = "Koplopers Cliëntondersteuning"\ntimezone = "Europe/Amsterdam"\n'
        f'deadline = "2017-06-01T17:00:00"\n[store]\nurl = "sqlite:///{tmp_path}/db.sqlite3"\n'
        f"{TRUST}\n[parsing]\nworkers = 1\n",
        encoding="utf-8",
    )
    settings = load_settings(config)
    mail = tmp_path / "mail"
    files = [
        write(mail, "1-utrecht", nomination_mail("Utrecht", sender="wmo@utrecht.nl")),
        write(
            mail,
            "2-utrecht-again",
            nomination_mail(
                "Utrecht",
                sender="wmo@utrecht.nl",
                received=DEADLINE - timedelta(hours=5),
                subject="Aangepaste versie: voordracht gemeente Utrecht",
                extra="In deze versie staat ook hoe de ervaringen van cliënten worden gemeten.",
            ),
        ),
        write(
            mail,
            "3-late",
            nomination_mail(
                "Lochem", sender="raad@lochem.nl", received=DEADLINE + timedelta(minutes=3)
            ),
        ),
        write(
            mail,
            "4-question",
            arriving(
                sender="wmoraad@tholen.nl",
                name="Wmo-raad Tholen",
                subject="Tot hoe laat kunnen we insturen?",
                body="Beste organisatie,\n\nTot hoe laat kunnen we onze voordracht insturen?\n\n"
                "Groet,\nWmo-raad Tholen\n",
                received=DEADLINE - timedelta(days=4),
            ),
        ),
    ]
    with Store.open(settings.store.url) as store:
        import_paths(settings, store, files)
        read_pending(settings, store)
        yield settings, store


def overview(settings, store, previous=None, now=None):
    items = load_nominations(store, settings.campaign)
    moment = now or datetime(2017, 6, 2, 8, tzinfo=settings.campaign.timezone)
    return build_overview(items, settings, now=moment, previous=previous)


def test_counts_groups_and_versions(filed):
    settings, store = filed
    seen = overview(settings, store)
    counts = seen.counts
    assert (counts.received, counts.nominations, counts.on_time, counts.late) == (4, 2, 1, 1)
    assert counts.correspondence == 1 and counts.new == 4
    assert [group.names for group in seen.groups] == [("Lochem",), ("Utrecht",)]
    (utrecht,) = seen.groups[1].entries
    assert utrecht.item.ref == "KCO-0002"
    assert [version.ref for version in utrecht.versions] == ["KCO-0001"]
    assert seen.closed


def test_attention_and_how_a_review_settles_it(filed):
    settings, store = filed
    reasons = {a.item.ref: a.reasons for a in overview(settings, store).attention}
    assert reasons == {
        "KCO-0001": (ov.REVISION,),
        "KCO-0003": (ov.LATE,),
        "KCO-0004": (ov.QUESTION,),
    }
    now = datetime.now(UTC)
    store.add_review(ReviewRecord("KCO-0004", "accepted", "beantwoord", "Marieke", now))
    store.add_review(ReviewRecord("KCO-0003", "needs-info", None, "Marieke", now))
    reasons = {a.item.ref: a.reasons for a in overview(settings, store).attention}
    assert reasons == {"KCO-0001": (ov.REVISION,), "KCO-0003": (ov.NEEDS_INFO, ov.LATE)}


def test_new_is_what_the_previous_digest_did_not_cover(filed):
    settings, store = filed
    first = overview(settings, store)
    digest = store.start_digest(
        channel="mail",
        final=False,
        destination="c@vng.example",
        subject="x",
        covered=sorted(first.covered - {"KCO-0004"}),
    )
    assert store.last_delivered_digest("mail") is None  # not delivered yet: not previous
    store.digest_attempted(digest, attempts=1, delivered_at=datetime.now(UTC))
    previous = store.last_delivered_digest("mail")
    assert previous is not None and previous.covered == first.covered - {"KCO-0004"}
    assert [item.ref for item in overview(settings, store, previous).new] == ["KCO-0004"]
    assert store.last_delivered_digest("file") is None


def test_the_deadline_ahead_and_behind(filed):
    settings, store = filed
    before = overview(settings, store, now=DEADLINE - timedelta(days=2, hours=3))
    assert not before.closed and before.seconds_left == pytest.approx((2 * 24 + 3) * 3600)
