#!/usr/bin/env python
from akhbar.manage import main

if __name__ == "__main__":
    main()
