"""`python -m devtools.synthetic OUT_DIR --count N --seed S [--font helv]`."""

from devtools.synthetic.corpus import synthetic_main

raise SystemExit(synthetic_main())
