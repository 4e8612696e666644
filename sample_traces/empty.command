stap whythefail.stp kernel demo_do_opne '$return < 0'
