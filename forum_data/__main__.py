"""``python -m forum_data``: see forum_data.cli."""
import sys

from forum_data.cli import main

sys.exit(main())
