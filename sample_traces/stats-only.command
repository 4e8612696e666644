stap whythefail.stp kernel demo_do_open '$return == -95' -c 'cat /etc/hostname'
