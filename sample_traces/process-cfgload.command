stap whythefail.stp 'process("/usr/local/bin/cfgload")' parse_line '$return != 0' -c '/usr/local/bin/cfgload /tmp/bad.conf'
