stap whythefail.stp kernel demo_sched_setattr '$return < 0' '$$vars$'
