from recweekly.cli import main

main()
