"""The learned judgement of a page's blocks: features read from the page's segments and from what
the extractor and the rules decided, a tree ensemble trained on the labelled dev pages (see
cleaner.devtools.train), and the decisions it makes."""
