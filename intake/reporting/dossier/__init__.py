"""The jury's dossier: one PDF of every nomination that counts, and the original documents
beside it (:func:`copy_originals`)."""

from intake.reporting.dossier.originals import copy_originals
from intake.reporting.dossier.sections import DossierReport, write_dossier

__all__ = ["DossierReport", "copy_originals", "write_dossier"]
