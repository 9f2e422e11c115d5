package vn.kyso.token.driver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Builds misbehaving and minimal PKCS#11 libraries with gcc, so probe and loader tests exercise real native
 * crashes, hangs and answers instead of mocks.
 */
final class FakeLibraries {

    /** C_GetFunctionList calls abort(): the process dies of SIGABRT. */
    static final String ABORTS = """
            #include <stdlib.h>
            unsigned long C_GetFunctionList(void **list) { abort(); return 0; }
            """;

    /** C_GetFunctionList never returns. */
    static final String HANGS = """
            #include <unistd.h>
            unsigned long C_GetFunctionList(void **list) { for (;;) sleep(1000); return 0; }
            """;

    /**
     * A PKCS#11 v2.40 function list whose C_Initialize returns INIT_RV, C_GetInfo describes a "Kyso Test" library and
     * C_GetSlotList reports one empty slot; every other function is not supported.
     */
    private static final String MINIMAL = """
            #include <string.h>
            typedef unsigned long CK_RV;
            typedef unsigned long CK_ULONG;
            typedef struct { unsigned char major, minor; } CK_VERSION;
            typedef struct {
              CK_VERSION cryptokiVersion; unsigned char manufacturerID[32]; CK_ULONG flags;
              unsigned char libraryDescription[32]; CK_VERSION libraryVersion;
            } CK_INFO;
            typedef CK_RV (*any_fn)(void);
            typedef struct { CK_VERSION version; any_fn fn[68]; } FUNCTION_LIST;

            static void pad(unsigned char *dst, const char *src) { memset(dst, ' ', 32); memcpy(dst, src, strlen(src)); }
            static CK_RV unsupported(void) { return 0x54; }
            static CK_RV initialize(void *args) { return INIT_RV; }
            static CK_RV finalize(void *reserved) { return 0; }
            static CK_RV get_info(CK_INFO *info) {
              info->cryptokiVersion.major = 2; info->cryptokiVersion.minor = 40;
              pad(info->manufacturerID, "Kyso Test"); info->flags = 0;
              pad(info->libraryDescription, "Kyso minimal PKCS11");
              info->libraryVersion.major = 1; info->libraryVersion.minor = 2;
              return 0;
            }
            static CK_RV get_slot_list(unsigned char token_present, CK_ULONG *slots, CK_ULONG *count) {
              CK_ULONG n = token_present ? 0 : 1;
              if (slots != 0) {
                if (*count < n) { *count = n; return 0x150; }
                if (n > 0) slots[0] = 7;
              }
              *count = n;
              return 0;
            }
            CK_RV C_GetFunctionList(FUNCTION_LIST **out);
            static FUNCTION_LIST list;
            CK_RV C_GetFunctionList(FUNCTION_LIST **out) {
              int i;
              list.version.major = 2; list.version.minor = 40;
              for (i = 0; i < 68; i++) list.fn[i] = unsupported;
              list.fn[0] = (any_fn) initialize;
              list.fn[1] = (any_fn) finalize;
              list.fn[2] = (any_fn) get_info;
              list.fn[3] = (any_fn) C_GetFunctionList;
              list.fn[4] = (any_fn) get_slot_list;
              *out = &list;
              return 0;
            }
            """;

    private FakeLibraries() {
    }

    /** A well-behaved library: initialises, one slot, no token. */
    static Path minimal(Path dir) throws IOException {
        return build(dir, "kyso-minimal", "#define INIT_RV 0\n" + MINIMAL);
    }

    /** C_Initialize returns CKR_GENERAL_ERROR. */
    static Path initFails(Path dir) throws IOException {
        return initFails(dir, "kyso-init-fails");
    }

    /** The same under another file name, for a test that must know nobody else loaded it. */
    static Path initFails(Path dir, String name) throws IOException {
        return build(dir, name, "#define INIT_RV 5\n" + MINIMAL);
    }

    /** Well-behaved, but prints 400 KB of debug output on stdout when loaded, more than the probe keeps. */
    static Path chatty(Path dir) throws IOException {
        return build(dir, "kyso-chatty", """
                #include <stdio.h>
                __attribute__((constructor)) static void chatter(void) {
                  int i;
                  for (i = 0; i < 4000; i++) printf("%099d\\n", i);
                  fflush(stdout);
                }
                #define INIT_RV 0
                """ + MINIMAL);
    }

    /** Well-behaved, but prints a banner without a newline on stdout when loaded, as some vendor libraries do. */
    static Path noisy(Path dir) throws IOException {
        return build(dir, "kyso-noisy", """
                #include <stdio.h>
                __attribute__((constructor)) static void banner(void) {
                  printf("VENDOR BANNER without newline"); fflush(stdout);
                }
                #define INIT_RV 0
                """ + MINIMAL);
    }

    static Path build(Path dir, String name, String source) throws IOException {
        Path c = dir.resolve(name + ".c");
        Path library = dir.resolve("lib" + name + (Os.current() == Os.MACOS ? ".dylib" : ".so"));
        Files.writeString(c, source, StandardCharsets.UTF_8);
        Process gcc = new ProcessBuilder("gcc", "-shared", "-fPIC", "-o", library.toString(), c.toString())
                .redirectErrorStream(true).start();
        String output = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!gcc.waitFor(60, TimeUnit.SECONDS) || gcc.exitValue() != 0) {
                throw new IOException("gcc failed for " + name + ": " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return library;
    }
}
