import sys

from decision.cli.main import main

sys.exit(main())
