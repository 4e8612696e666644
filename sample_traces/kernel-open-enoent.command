stap whythefail.stp kernel demo_do_open '$return < 0' -c 'cat /etc/hostname /nonexistent'
