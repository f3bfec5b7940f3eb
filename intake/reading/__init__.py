"""Reading filed mail: each message read once, in limited worker processes, and judged."""
