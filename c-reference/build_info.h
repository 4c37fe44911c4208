#define NBREF_CFLAGS "-std=c99 -D_POSIX_C_SOURCE=200809L -O2 -Wall -Wextra -Werror -fno-fast-math -ffp-contract=off "
#define NBREF_SRC_SHA256 "1d99c5fc5b73278379cf8dcd9b5a052365461e3f2cb5694b4eb4c98672989cb7"
