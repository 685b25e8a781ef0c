# SPDX-License-Identifier: GPL-2.0
#
# duet top-level build.
#   make            the module (against Debian's 6.1 headers) and the tools
#   make check      userspace unit tests, then the selftests in a VM
#   make check-debug the selftests in a debug kernel (KASAN, UBSAN, lockdep,
#                   kmemleak, fault injection) built once from linux-source-6.1
#   make demo       boot the VM and show the module at work
#   make deps       install the Debian packages to build and test
#   make sparse     sparse (C=2) over the module; fails on any report

KVER ?= $(shell selftests/vm/kver)
KDIR ?= /lib/modules/$(KVER)/build
export KVER

DEB_PACKAGES := gcc make libc6-dev pkg-config linux-headers-amd64 sparse \
	libnl-3-dev libnl-genl-3-dev libjson-c-dev libssl-dev \
	libcurl4-openssl-dev qemu-system-x86 busybox-static kmod cpio \
	xz-utils iproute2 iputils-ping jq openssl nginx curl \
	bc flex bison libelf-dev
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

.PHONY: all module tools selftests check check-debug demo bench-broker bench-flood deps deps-check sparse clean fuzz \
	bench bench-handshake

all: module tools

module:
	@test -d "$(KDIR)" || { echo "no kernel headers at $(KDIR) (run: make deps)"; exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR) W=1 modules

tools:
	$(MAKE) -C tools

selftests: tools
	$(MAKE) -C selftests

# C=2 checks every file, built or not. (No kbuild "clean" with M=$(CURDIR):
# it deletes every *.ko below, the cached kernel's modules included.)
sparse:
	$(MAKE) -C $(KDIR) M=$(CURDIR) C=2 CHECK=sparse modules 2>&1 | tee .sparse.log
	@! grep -E '(warning|error):' .sparse.log

check: deps-check
	$(MAKE) all selftests
	selftests/check

# The same selftests in the debug kernel (built once, cached in .cache/).
check-debug: deps-check
	$(MAKE) all selftests
	selftests/vm/debug/build >/dev/null
	DUET_CHECK_DEBUG=1 selftests/check

# Throughput, side by side in one VM: plain TCP, kTLS, duet.
bench: deps-check
	$(MAKE) all
	selftests/vm/run -- tools/bench/run.sh $(BENCH_ARGS)

# The handshake on a 300 ms RTT link (and at 64 kbit/s): duet against
# TLS 1.3 with mutual authentication; bytes, packets, time to first byte.
bench-handshake: deps-check
	$(MAKE) all
	selftests/vm/run -- tools/bench/handshake.sh

# Public-key operations of 4 parties talking pairwise: direct full
# handshakes against sessions through the key broker.
bench-broker: deps-check
	$(MAKE) all
	selftests/vm/run -- tools/bench/broker.sh

# A flood of 50 000 M1s at a gateway while good clients connect: their
# success rate and latency with the protection on and off (flood.sh).
bench-flood: deps-check
	$(MAKE) all selftests
	selftests/vm/run -- env DUET_FLOOD_M1=50000 DUET_FLOOD_GOOD=40 \
		DUET_FLOOD_COMPARE=1 selftests/flood.sh

demo: deps-check
	$(MAKE) all selftests
	selftests/vm/run -- tools/demo/demo.sh

FUZZ_PACKAGES := clang libclang-rt-14-dev

# libFuzzer targets of every decoder, run FUZZ_SECONDS (default 60) each.
fuzz: tools
	@for p in $(FUZZ_PACKAGES); do dpkg-query -W -f='$${db:Status-Status}\n' $$p 2>/dev/null | \
		grep -qx installed || { $(SUDO) apt-get install -y -q --no-install-recommends $(FUZZ_PACKAGES); break; }; done
	$(MAKE) -C selftests fuzz

# RUNLEVEL=1: packages with a service (nginx) are installed, not started;
# the tests run their own in network namespaces.
deps:
	$(SUDO) apt-get update -q
	$(SUDO) env DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 apt-get install -y -q \
		--no-install-recommends $(DEB_PACKAGES)

# Install the packages only when one is missing.
deps-check:
	@for p in $(DEB_PACKAGES); do \
		dpkg-query -W -f='$${db:Status-Status}\n' $$p 2>/dev/null | \
			grep -qx installed || { $(MAKE) --no-print-directory deps; exit; }; \
	done

clean:
	-$(MAKE) -C $(KDIR) M=$(CURDIR)/kmod clean
	rm -f Module.symvers modules.order .Module.symvers.cmd .modules.order.cmd
	$(MAKE) -C tools clean
	$(MAKE) -C selftests clean
	rm -f .sparse.log
