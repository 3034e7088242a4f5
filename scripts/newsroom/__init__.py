"""The newsroom dev set's articles and evidence records, as readable Python data.

`scripts/build_newsroom.py` collects `CORPUS` and `ARTICLES` from every module listed in
`PARTS` and writes eval/newsroom/*.jsonl.
"""

PARTS = ("original", "more_a", "more_b", "more_c")
