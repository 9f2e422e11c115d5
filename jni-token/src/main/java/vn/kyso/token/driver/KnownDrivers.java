package vn.kyso.token.driver;

import static vn.kyso.token.driver.Confidence.HIGH;
import static vn.kyso.token.driver.Confidence.LOW;
import static vn.kyso.token.driver.Confidence.MEDIUM;

import java.util.List;
import java.util.Map;

/**
 * The built-in catalogue data. Each entry names its evidence; nothing here is guessed. Where a vendor's client code
 * loads a library by bare file name (the Windows DLL search order), the location is System32, where the token
 * installers put it. Only the 64-bit System32 is listed: the agent runs on a 64-bit JVM, which cannot load the
 * 32-bit copies in SysWOW64. Vietnamese public-CA libraries have no published Linux or macOS locations, so an
 * administrator adds those paths by hand (they are then probed before use).
 *
 * <p>Evidence named without a repository (the BkavCA Signer Plugin sample, TPBank's and Viettel-CA's plugin
 * scripts, hSignerBridge) is public GitHub code found by its content; the quoted identifiers are theirs.
 */
final class KnownDrivers {

    private static final String SYSTEM32 = "%SystemRoot%\\System32\\";

    private KnownDrivers() {
    }

    static final List<KnownDriver> ALL = List.of(
            // Domain fact (VGCA issues Bit4id TokenME). Windows: C:\Windows\System32\bit4xpki.dll in many public
            // integrations (e.g. hSignerBridge's KnownModules, DSS Pkcs11SignatureToken samples). Linux:
            // /usr/lib/libbit4xpki.so (rubrica/rubrica Bit4idLinuxKeyStoreProvider.java),
            // /usr/lib/bit4id/libbit4xpki.so (archlinux/aur PKGBUILD of bit4id-ipki: "bit4id-xpki also provides
            // /usr/lib/bit4id/libbit4xpki.so"). macOS: /Library/bit4id/pkcs11/libbit4xpki.dylib (Bit4id PKI Manager;
            // PostSignum driver table and several public configs).
            new KnownDriver("bit4id-xpki", "Bit4id Universal Middleware (bit4xpki)", "Bit4id",
                    "Token VGCA của Ban Cơ yếu Chính phủ (Bit4id TokenME)",
                    "VGCA government tokens (Bit4id TokenME)", HIGH, Map.of(
                    Os.WINDOWS, List.of(SYSTEM32 + "bit4xpki.dll"),
                    Os.LINUX, List.of("/usr/lib/libbit4xpki.so", "/usr/lib/bit4id/libbit4xpki.so"),
                    Os.MACOS, List.of("/Library/bit4id/pkcs11/libbit4xpki.dylib"))),

            // Domain fact (VGCA GCA-01 is a SafeNet eToken). Windows: C:\Windows\System32\eTPKCS11.dll (SafeNet
            // Authentication Client; countless public configs). Linux: /usr/lib/libeTPkcs11.so and
            // /usr/lib64/libeTPkcs11.so (rubrica/rubrica SafenetLinuxKeyStoreProvider.java). macOS:
            // /usr/local/lib/libeTPkcs11.dylib (rubrica/rubrica SafenetAppleKeyStoreProvider.java) and the eToken
            // framework (open-eid/chrome-token-signing host-shared/PKCS11Path.cpp).
            new KnownDriver("safenet-etoken", "SafeNet eToken PKCS#11 (eTPKCS11)", "Thales (SafeNet)",
                    "Token GCA-01 của Ban Cơ yếu Chính phủ (SafeNet eToken)",
                    "VGCA GCA-01 tokens (SafeNet eToken)", HIGH, Map.of(
                    Os.WINDOWS, List.of(SYSTEM32 + "eTPKCS11.dll"),
                    Os.LINUX, List.of("/usr/lib/libeTPkcs11.so", "/usr/lib64/libeTPkcs11.so"),
                    Os.MACOS, List.of("/usr/local/lib/libeTPkcs11.dylib",
                            "/Library/Frameworks/eToken.framework/Versions/Current/libeToken.dylib"))),

            // Names: the BkavCA Signer Plugin's own dllName list (vnptca_p11_v6..v10, vnpt-ca_csp11, vnpt-ca_v34,
            // vnpt-ca_cl_v1), TPBank's pkcs11LibraryNameList, and a VNPT plugin integration's pkcs11DriverList
            // ("vnpt-ca_csp11.dll,vnptca_p11_v8.dll,...,VNPT-CA_v34.dll"). Location: loaded by bare name; public
            // integrations look for them in System32.
            new KnownDriver("vnpt-ca", "VNPT-CA token", "VNPT",
                    "Token chữ ký số công cộng VNPT-CA", "VNPT-CA public CA tokens", MEDIUM, Map.of(
                    Os.WINDOWS, List.of(SYSTEM32 + "vnptca_p11_v10.dll", SYSTEM32 + "vnptca_p11_v9.dll",
                            SYSTEM32 + "vnptca_p11_v8.dll", SYSTEM32 + "vnptca_p11_v7.dll",
                            SYSTEM32 + "vnptca_p11_v6.dll", SYSTEM32 + "vnpt-ca_csp11.dll",
                            SYSTEM32 + "vnpt-ca_v34.dll", SYSTEM32 + "vnpt-ca_cl_v1.dll"))),

            // Names: Viettel-CA's SignPlugin demo script (LibList_WIN = "viettel-ca_v6.dll;viettel-ca_v5.dll;
            // viettel-ca_v4.dll;viettel-ca_v2.dll"), the BkavCA Signer Plugin list (viettel-ca, _v1.._v6), TPBank's
            // list. Location: System32 (as above). The same script loads viettel-ca_v6.dylib on macOS by bare name;
            // its install directory is not published, so no macOS location is listed.
            new KnownDriver("viettel-ca", "Viettel-CA token", "Viettel",
                    "Token chữ ký số công cộng Viettel-CA", "Viettel-CA public CA tokens", MEDIUM, Map.of(
                    Os.WINDOWS, List.of(SYSTEM32 + "viettel-ca_v6.dll", SYSTEM32 + "viettel-ca_v5.dll",
                            SYSTEM32 + "viettel-ca_v4.dll", SYSTEM32 + "viettel-ca_v3.dll",
                            SYSTEM32 + "viettel-ca_v2.dll", SYSTEM32 + "viettel-ca_v1.dll",
                            SYSTEM32 + "viettel-ca.dll"))),

            // Names: the BkavCA Signer Plugin's own list (BkavCA, bkavcaetoken_p11; st3csp11 = SecureMetric, the
            // BKAV-CA token maker per hSignerBridge), TPBank's list (BkavCA.dll). hSignerBridge also lists
            // "Bkav Corporation\BkavCA Token Manager\st3csp11.dll" under Program Files.
            new KnownDriver("bkav-ca", "BKAV-CA token", "Bkav",
                    "Token chữ ký số công cộng BKAV-CA", "BKAV-CA public CA tokens", MEDIUM, Map.of(
                    Os.WINDOWS, List.of(SYSTEM32 + "BkavCA.dll", SYSTEM32 + "bkavcaetoken_p11.dll",
                            SYSTEM32 + "st3csp11.dll",
                            "%ProgramFiles%\\Bkav Corporation\\BkavCA Token Manager\\st3csp11.dll"))),

            // Names: TPBank's list (fpt-ca, fpt-ca-stx, fptca_v3..v6), the BkavCA Signer Plugin list (fptca_v3,
            // fpt-ca, fpt-ca-stx). Location: System32.
            new KnownDriver("fpt-ca", "FPT-CA token", "FPT",
                    "Token chữ ký số công cộng FPT-CA", "FPT-CA public CA tokens", MEDIUM, Map.of(
                    Os.WINDOWS, List.of(SYSTEM32 + "fptca_v6.dll", SYSTEM32 + "fptca_v5.dll",
                            SYSTEM32 + "fptca_v4.dll", SYSTEM32 + "fptca_v3.dll", SYSTEM32 + "fpt-ca.dll",
                            SYSTEM32 + "fpt-ca-stx.dll"))),

            // Names: the BkavCA Signer Plugin list (CA2_v34, CA2_csp11, ca2_ace_csp11, CA2CSP11_v2), TPBank's list
            // (CA2_v34, CA2_csp11); hSignerBridge attributes CA2_* to Nacencomm CA2. Location: System32.
            new KnownDriver("ca2-nacencomm", "CA2 (Nacencomm) token", "Nacencomm",
                    "Token chữ ký số công cộng CA2 (Nacencomm)", "CA2 (Nacencomm) public CA tokens", MEDIUM,
                    Map.of(Os.WINDOWS, List.of(SYSTEM32 + "CA2_csp11.dll", SYSTEM32 + "CA2_v34.dll",
                            SYSTEM32 + "ca2_ace_csp11.dll", SYSTEM32 + "CA2CSP11_v2.dll"))),

            // Names: the BkavCA Signer Plugin list (NEWTEL-CA); hSignerBridge (newca_v4.dll, "Newtel-CA").
            new KnownDriver("newtel-ca", "Newtel-CA token", "Newtel",
                    "Token chữ ký số công cộng Newtel-CA", "Newtel-CA public CA tokens", LOW, Map.of(
                    Os.WINDOWS, List.of(SYSTEM32 + "NEWTEL-CA.dll", SYSTEM32 + "newca_v4.dll"))),

            // Names: the BkavCA Signer Plugin list and TPBank's list (Vina-CA, Vina-CAv3..v5); hSignerBridge labels
            // them "SmartSign (Vina-CA)".
            new KnownDriver("vina-ca", "Vina-CA (SmartSign) token", "Vina-CA",
                    "Token chữ ký số công cộng Vina-CA (SmartSign)", "Vina-CA (SmartSign) public CA tokens", MEDIUM,
                    Map.of(Os.WINDOWS, List.of(SYSTEM32 + "Vina-CAv5.dll", SYSTEM32 + "Vina-CAv4.dll",
                            SYSTEM32 + "Vina-CAv3.dll", SYSTEM32 + "Vina-CA.dll"))),

            // Names: the BkavCA Signer Plugin list (safe-ca, safe-ca_v2), TPBank's list (safe-ca).
            new KnownDriver("safe-ca", "Safe-CA token", "Safe-CA",
                    "Token chữ ký số công cộng Safe-CA", "Safe-CA public CA tokens", MEDIUM, Map.of(
                    Os.WINDOWS, List.of(SYSTEM32 + "safe-ca_v2.dll", SYSTEM32 + "safe-ca.dll"))),

            // Name: hSignerBridge's KnownModules only ("misaca_csp11_v2.dll").
            new KnownDriver("misa-ca", "MISA-CA token", "MISA",
                    "Token chữ ký số công cộng MISA-CA", "MISA-CA public CA tokens", LOW, Map.of(
                    Os.WINDOWS, List.of(SYSTEM32 + "misaca_csp11_v2.dll"))),

            // Name: hSignerBridge's KnownModules only ("efy-ca_v1.dll").
            new KnownDriver("efy-ca", "EFY-CA token", "EFY Việt Nam",
                    "Token chữ ký số công cộng EFY-CA", "EFY-CA public CA tokens", LOW, Map.of(
                    Os.WINDOWS, List.of(SYSTEM32 + "efy-ca_v1.dll"))),

            // Name: hSignerBridge ("fca_v1.dll // FastCA"); FastCA's installer is distributed as "Setup FAST".
            new KnownDriver("fast-ca", "FastCA token", "FastCA",
                    "Token chữ ký số công cộng FastCA", "FastCA public CA tokens", LOW, Map.of(
                    Os.WINDOWS, List.of(SYSTEM32 + "fca_v1.dll"))),

            // Name: hSignerBridge maps a CSP named "NC-CA" to ncca_csp11_v1.dll; the token installer is published
            // as ncca_csp11_v1_installer_full. Which licensed CA issues it is not confirmed.
            new KnownDriver("nc-ca", "NC-CA token", "NC-CA (chưa xác minh / unverified)",
                    "Token NC-CA (ncca_csp11_v1)", "NC-CA tokens (ncca_csp11_v1)", LOW, Map.of(
                    Os.WINDOWS, List.of(SYSTEM32 + "ncca_csp11_v1.dll"))),

            // Name: hSignerBridge maps a CSP named "ICA" to ica_csp11_v1.dll. Issuer not confirmed.
            new KnownDriver("i-ca", "I-CA token", "I-CA (chưa xác minh / unverified)",
                    "Token I-CA (ica_csp11_v1)", "I-CA tokens (ica_csp11_v1)", LOW, Map.of(
                    Os.WINDOWS, List.of(SYSTEM32 + "ica_csp11_v1.dll"))),

            // Feitian ePass2003, the hardware under many Vietnamese CA tokens (hSignerBridge: "most Vietnamese CA
            // tokens are Feitian EnterSafe rebrands"). C:\Windows\System32\eps2003csp11.dll in many public configs.
            new KnownDriver("feitian-epass2003", "Feitian ePass2003 (EnterSafe)", "Feitian",
                    "Token ePass2003 gốc, nền của nhiều token CA Việt Nam",
                    "Generic ePass2003 tokens, the base of many Vietnamese CA tokens", MEDIUM, Map.of(
                    Os.WINDOWS, List.of(SYSTEM32 + "eps2003csp11.dll"))),

            // Windows: OpenSC wiki "Windows Quick Start"/installer and Yubico's docs ("C:\program files\OpenSC
            // Project\OpenSC\pkcs11\opensc-pkcs11.dll"). Linux: Debian opensc-pkcs11 file list (and on this machine).
            // /usr/lib64: Fedora/RHEL layout. macOS: /Library/OpenSC/lib/opensc-pkcs11.so
            // (open-eid/chrome-token-signing host-shared/PKCS11Path.cpp).
            new KnownDriver("opensc", "OpenSC PKCS#11", "OpenSC project",
                    "Thẻ và token tương thích OpenSC", "Smart cards and tokens OpenSC supports", HIGH, Map.of(
                    Os.WINDOWS, List.of("%ProgramFiles%\\OpenSC Project\\OpenSC\\pkcs11\\opensc-pkcs11.dll"),
                    Os.LINUX, List.of("/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so",
                            "/usr/lib/x86_64-linux-gnu/pkcs11/opensc-pkcs11.so",
                            "/usr/lib/aarch64-linux-gnu/opensc-pkcs11.so", "/usr/lib64/opensc-pkcs11.so",
                            "/usr/lib/opensc-pkcs11.so"),
                    Os.MACOS, List.of("/Library/OpenSC/lib/opensc-pkcs11.so"))),

            // Test and demo only. Linux: Debian softhsm2 (on this machine: /usr/lib/softhsm/libsofthsm2.so links to
            // the multiarch copy), /usr/lib64/softhsm for RHEL, /usr/local/lib/softhsm for source builds. macOS:
            // Homebrew prefixes. Windows: disig/SoftHSM2-for-Windows installs to C:\SoftHSM2\lib\softhsm2-x64.dll.
            new KnownDriver("softhsm2", "SoftHSM2", "OpenDNSSEC",
                    "Token mềm dùng để thử nghiệm", "Software token for tests and demos", HIGH, Map.of(
                    Os.WINDOWS, List.of("C:\\SoftHSM2\\lib\\softhsm2-x64.dll"),
                    Os.LINUX, List.of("/usr/lib/softhsm/libsofthsm2.so",
                            "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
                            "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so", "/usr/lib64/softhsm/libsofthsm2.so",
                            "/usr/local/lib/softhsm/libsofthsm2.so"),
                    Os.MACOS, List.of("/opt/homebrew/lib/softhsm/libsofthsm2.so",
                            "/usr/local/lib/softhsm/libsofthsm2.so"))));
}
