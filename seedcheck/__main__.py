from seedcheck.entry import main

main()
