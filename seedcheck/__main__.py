from seedcheck.cli import run_main

run_main()
