"""The batch evaluation harness: dataset readers, metrics and reports (`factcheck eval`)."""
