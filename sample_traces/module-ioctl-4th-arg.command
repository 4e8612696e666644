stap whythefail.stp 'module("demo_ioctl")' demo_ioctl '$return == -22' '$ret'
