"""`recweekly pull`: edits made in Notion, written back into the posts, for review in git.

`run.pull_posts` reads each post's page (through the publisher), tells an edit made in Notion from
a page that lags behind (publish/sync/drift.py), merges it three ways with the post
(publish/pagestate.py), and writes it into the file through a map of which lines make which
blocks (`sourcemap`), changing only those lines and the edited front-matter keys (`rewrite`).
"""
