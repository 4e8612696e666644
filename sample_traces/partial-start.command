stap whythefail.stp kernel demo_do_open '$return < 0'
