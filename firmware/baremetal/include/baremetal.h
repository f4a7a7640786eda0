/* The bare-metal M-mode runtime: everything a program may use. See firmware/baremetal/README.md. */
#ifndef BAREMETAL_H
#define BAREMETAL_H

#include "baremetal/csr.h"
#include "baremetal/trap.h"
#include "baremetal/uart.h"

#endif
