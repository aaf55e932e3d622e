from munpress.cli import main

main()
