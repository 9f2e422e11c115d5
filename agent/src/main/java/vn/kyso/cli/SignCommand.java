package vn.kyso.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import vn.kyso.app.AgentAssembly;
import vn.kyso.app.AgentMethods;
import vn.kyso.app.PresetFactory;
import vn.kyso.app.XmlMethods;
import vn.kyso.config.AgentConfig;
import vn.kyso.consent.ConsentPrompt;
import vn.kyso.consent.ConsentRequest;
import vn.kyso.errors.KysoException;
import vn.kyso.json.JsonSignOptions;
import vn.kyso.json.StrictJson;
import vn.kyso.pdf.LevelPolicy;
import vn.kyso.pdf.PadesLevel;
import vn.kyso.pdf.PadesOptions;
import vn.kyso.pdf.SignatureAppearance;
import vn.kyso.pki.TrustStore;
import vn.kyso.token.CertificateEntry;
import vn.kyso.token.LoginPolicy;
import vn.kyso.token.PinPrompt;
import vn.kyso.token.TokenError;
import vn.kyso.token.TokenManager;
import vn.kyso.token.TokenManagerConfig;
import vn.kyso.usecase.SignJson;
import vn.kyso.usecase.SignPdf;
import vn.kyso.usecase.SignXml;
import vn.kyso.xml.SafeXml;
import vn.kyso.xml.XmlSignOptions;
import vn.kyso.xml.XmlSignResult;

/**
 * {@code kyso sign}: sign a PDF from the command line (IT, scripts, a văn thư's batch). The person running the command
 * is the one consenting; the PIN comes from the terminal, or from the first line of standard input with
 * {@code --pin-stdin} for scripts. Every rule of the agent applies: certificate check, re-verification, audit log.
 */
final class SignCommand implements Command {

    @Override
    public String name() {
        return "sign";
    }

    @Override
    public String summary() {
        return "Ký tệp PDF, XML hoặc JSON / sign a PDF, XML or JSON file: sign --in F --out F [--cert ID|--token LABEL] "
                + "[--preset invisible|approve|copy|attachment|digitised|issue|incoming] [--image PNG] "
                + "[--level B-B|B-T|B-LT|B-LTA] [--strict] [--pin-stdin] [--format xmldsig|xades|jades|jws] [--xpath X] "
                + "[--reference-id ID] [--serialization flattened|compact] [--detached] [--algorithm PS256] …";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Options o = Options.parse(args, Set.of("--strict", "--pin-stdin", "--offline-ok", "--accept-invalid",
                "--detached"), Set.of("--in", "--out", "--format", "--xpath", "--reference-id", "--serialization",
                "--algorithm",
                "--cert", "--token", "--preset", "--image", "--seal-mm", "--title-line", "--name-line", "--copy-form",
                "--organisation", "--doc-number", "--issue-date", "--level", "--tsa", "--trust", "--trust-cert",
                "--library", "--config", "--reason", "--location", "--password", "--date-label", "--after-text",
                "--number-label", "--number-in", "--forward-to", "--file-number", "--copy-number", "--place",
                "--copy-date"));
        Path in = Path.of(require(o, "--in"));
        Path outFile = Path.of(require(o, "--out"));
        if (!Files.isRegularFile(in)) {
            throw new Main.UsageException("Không tìm thấy tệp / file not found: " + in);
        }
        if (Files.exists(outFile) && Files.isSameFile(in, outFile)) {
            throw new Main.UsageException("--out phải khác --in (tệp gốc không bao giờ bị ghi đè) / --out must differ from --in");
        }
        String configFile = o.get("--config", null);
        AgentConfig config = configFile != null ? AgentConfig.load(Path.of(configFile), null) : AgentConfig.load();
        List<Path> libraries = o.all("--library").stream().map(Path::of).toList();
        AgentAssembly.Settings configured = AgentAssembly.from(config).build();
        TrustStore trust = configured.trust();
        for (String dir : o.all("--trust")) {
            trust.addDirectory(Path.of(dir));
        }
        for (String file : o.all("--trust-cert")) {
            try (var stream = Files.newInputStream(Path.of(file))) {
                trust.add((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(stream));
            }
        }
        TokenManagerConfig tokenConfig = !libraries.isEmpty() ? TokenManagerConfig.of(libraries)
                : configured.tokenConfig();
        // one run, one person at the terminal: the PIN is asked for every signature, never kept
        try (TokenManager tokens = TokenManager.open(tokenConfig.withLoginPolicy(LoginPolicy.everySignature()))) {
            CertificateEntry certificate = choose(tokens, o.get("--cert", null), o.get("--token", null));
            // the Sub CA a token carries beside the signer's certificate is its chain; other tokens' are not
            List<X509Certificate> chain = new ArrayList<>(configured.extraCas());
            tokens.certificates().stream().filter(c -> c.tokenId().equals(certificate.tokenId()))
                    .forEach(c -> chain.add(c.certificate()));
            AgentAssembly.Settings settings = configured.toBuilder().extraCas(chain)
                    .tsaUrl(URI.create(o.get("--tsa", config.tsaUrl())))
                    .signOffline(o.has("--offline-ok") || config.signOffline()).build();
            AgentAssembly parts = AgentAssembly.forTerminal(tokens, settings,
                    request -> consentOnTerminal(request, o, err), pinPrompt(o.has("--pin-stdin"), err));
            byte[] input = Files.readAllBytes(in);
            AgentMethods.DocumentServices useCases = parts.documents();
            switch (format(o.get("--format", null), input)) {
                case "json":
                    return signJson(useCases.signJson(), certificate, in, input, outFile, o, out, err);
                case "xml":
                    return signXml(o, useCases.signXml(), in, input, outFile, certificate, out);
                default:
                    break;
            }
            String preset = o.get("--preset", "invisible");
            PadesOptions options = PadesOptions.defaults()
                    .withLevel(level(o.get("--level", "B-LT")))
                    .withPolicy(o.has("--strict") ? LevelPolicy.STRICT : LevelPolicy.BEST_EFFORT)
                    .withAppearance(appearance(preset, o))
                    .withDetails(null, o.get("--reason", null), o.get("--location", null), null);
            if (o.get("--password", null) != null) {
                options = options.withPassword(o.get("--password", null));
            }
            err.println("Ký / signing: " + in.getFileName() + " — " + certificate.subject() + " [" + certificate.tokenLabel()
                    + "] — " + preset);
            SignPdf.Result result = useCases.signPdf().sign(new SignPdf.Request("cli", in.getFileName().toString(),
                    input, certificate.id(), PresetFactory.act(preset).vi(), preset, options,
                    PresetFactory.incoming(preset)));
            write(outFile, result.document());
            out.println("Đã ký / signed: " + outFile + " (" + etsiName("PAdES", result.level().name()) + ")");
            result.warnings().forEach(w -> out.println("Lưu ý / warning: " + w));
            return 0;
        }
    }

    /**
     * "pdf", "xml" or "json": from --format when given (xmldsig|xades, jades|jws), else from the content — XML and
     * JSON are recognised by their first characters, anything else is read as a PDF.
     */
    private static String format(String option, byte[] input) {
        if (option != null) {
            return switch (option.toLowerCase(Locale.ROOT)) {
                case "xmldsig", "xades" -> "xml";
                case "jades", "jws" -> "json";
                default -> throw new Main.UsageException("--format xmldsig|xades|jades|jws: " + option);
            };
        }
        if (SafeXml.looksLikeXml(input)) {
            return "xml";
        }
        return StrictJson.looksLikeJson(input) ? "json" : "pdf";
    }

    /** A JSON file (recognised from its content, or any file with --format): JWS or JAdES, never overwriting. */
    private static int signJson(SignJson useCase, CertificateEntry certificate, Path in, byte[] input, Path outFile,
                                Options o, PrintStream out, PrintStream err) throws IOException {
        JsonSignOptions options;
        try {
            options = JsonSignOptions.parse(o.get("--format", null), o.get("--level", null),
                    o.get("--serialization", null), o.has("--detached"), o.get("--algorithm", null));
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException("--format jades|jws, --level B-B|B-T|B-LT, --serialization flattened|compact, "
                    + "--algorithm RS256..PS512|ES256..ES512: " + e.getMessage());
        }
        err.println("Ký / signing: " + in.getFileName() + " — " + certificate.subject() + " [" + certificate.tokenLabel()
                + "] — JSON");
        SignJson.Result result = useCase.sign(new SignJson.Request("cli", certificate.id(),
                in.getFileName().toString(), input, options));
        result.summary().lines().forEach(line -> err.println("  " + line));
        write(outFile, result.signature().bytes());
        out.println("Đã ký / signed: " + outFile + " (" + result.signature().levelName()
                + (result.signature().detached() ? ", tách rời / detached" : "") + ")");
        result.warnings().forEach(w -> out.println("Lưu ý / warning: " + w));
        return 0;
    }

    /** An XML file: XMLDSig (the e-invoice layout by default) or XAdES, with the protocol's option names. */
    private static int signXml(Options o, SignXml useCase, Path in, byte[] input, Path outFile,
                               CertificateEntry certificate, PrintStream out) throws IOException {
        ObjectNode params = JsonNodeFactory.instance.objectNode();
        String format = o.get("--format", "xmldsig");
        params.put("format", format);
        if ("xades".equalsIgnoreCase(format)) {
            params.put("level", o.get("--level", "B-LT"));
        }
        params.put("packaging", o.has("--detached") ? "detached" : "enveloped");
        params.put("xpath", o.get("--xpath", null));
        params.put("referenceId", o.get("--reference-id", null));
        XmlSignOptions options;
        try {
            options = XmlMethods.options(params, in.getFileName().toString());
        } catch (KysoException e) {
            throw new Main.UsageException(e.messageVi() + " / " + e.messageEn());
        }
        SignXml.Result result = useCase.sign(new SignXml.Request("cli", certificate.id(),
                in.getFileName().toString(), input, options));
        write(outFile, result.signature().document());
        XmlSignResult signature = result.signature();
        out.println("Đã ký / signed: " + outFile + " (" + (signature.level() == null ? "XML-NOT-ETSI — XMLDSig"
                : etsiName("XAdES", signature.level().name())) + ")");
        signature.signedNodes().forEach(node -> out.println("Phần được ký / signed: " + node.path()
                + (node.id() == null ? "" : " (Id " + node.id() + ")")));
        if (signature.invoice() != null) {
            out.println("Hóa đơn / invoice: " + signature.invoice().number() + " — " + signature.invoice().seller()
                    + " → " + signature.invoice().buyer() + " — " + signature.invoice().total());
        }
        result.warnings().forEach(w -> out.println("Lưu ý / warning: " + w));
        return 0;
    }

    /**
     * "B_LT" → "PAdES-BASELINE-LT": the level as the verifier's report (and EU DSS) names it, so the line printed
     * after signing reads like the one {@code kyso verify} prints.
     */
    private static String etsiName(String family, String level) {
        return family + "-BASELINE-" + level.substring(level.indexOf('_') + 1);
    }

    /** Written beside the target and moved into place, so a failure never leaves half a file. */
    private static void write(Path outFile, byte[] bytes) throws IOException {
        Path temporary = outFile.resolveSibling(outFile.getFileName() + ".part");
        Files.write(temporary, bytes);
        Files.move(temporary, outFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /*
     * The person typed the command, which is their consent; an incoming document's verification is printed first,
     * and one whose signatures are not valid is signed only with --accept-invalid, given after reading the reason.
     */
    private static ConsentPrompt.Decision consentOnTerminal(ConsentRequest request, Options o, PrintStream err) {
        ConsentRequest.Verification verification = request.verification();
        if (verification == null) {
            return ConsentPrompt.Decision.APPROVE;
        }
        if (!verification.confirmation()) {
            err.println(verification.resultVi());
            err.println(verification.resultEn());
            return ConsentPrompt.Decision.APPROVE;
        }
        if (o.has("--accept-invalid")) {
            return ConsentPrompt.Decision.APPROVE;
        }
        err.println("Chưa ký: thêm --accept-invalid nếu vẫn ký sau khi đã xem lý do / not signed: add --accept-invalid"
                + " to sign anyway after reading the reason");
        return ConsentPrompt.Decision.REFUSE;
    }

    private static String require(Options o, String name) {
        String value = o.get(name, null);
        if (value == null) {
            throw new Main.UsageException("Thiếu / missing " + name);
        }
        return value;
    }

    private static CertificateEntry choose(TokenManager tokens, String id, String tokenLabel) {
        List<CertificateEntry> all = tokens.certificates();
        if (id != null) {
            return tokens.certificate(id);
        }
        List<CertificateEntry> candidates = all.stream()
                .filter(c -> !c.ca()) // CA certificates on the token sign certificates, not documents
                .filter(c -> tokenLabel == null || c.tokenLabel().equals(tokenLabel)).toList();
        if (candidates.isEmpty()) {
            throw new KysoException(TokenError.TOKEN_NOT_PRESENT);
        }
        if (candidates.size() > 1) {
            StringBuilder list = new StringBuilder();
            candidates.forEach(c -> list.append("\n  ").append(c.id()).append("  ").append(c.subject()));
            throw new Main.UsageException("Có nhiều chứng thư số; chọn bằng --cert ID / several certificates; choose with --cert ID:"
                    + list);
        }
        return candidates.get(0);
    }

    private static PadesLevel level(String text) {
        try {
            return PadesLevel.valueOf(text.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException("--level: B-B | B-T | B-LT | B-LTA");
        }
    }

    /** CLI option names for the preset parameters (the protocol uses the camelCase names). */
    private static final java.util.Map<String, String> PRESET_OPTIONS = java.util.Map.ofEntries(
            java.util.Map.entry("titleLine", "--title-line"),
            java.util.Map.entry("nameLine", "--name-line"),
            java.util.Map.entry("copyForm", "--copy-form"),
            java.util.Map.entry("organisation", "--organisation"),
            java.util.Map.entry("documentNumber", "--doc-number"),
            java.util.Map.entry("issueDate", "--issue-date"),
            java.util.Map.entry("dateLabel", "--date-label"),
            java.util.Map.entry("sealWidthMm", "--seal-mm"),
            java.util.Map.entry("afterText", "--after-text"),
            java.util.Map.entry("numberLabel", "--number-label"),
            java.util.Map.entry("numberIn", "--number-in"),
            java.util.Map.entry("forwardTo", "--forward-to"),
            java.util.Map.entry("fileNumber", "--file-number"),
            java.util.Map.entry("copyNumber", "--copy-number"),
            java.util.Map.entry("place", "--place"),
            java.util.Map.entry("copyDate", "--copy-date"));

    private static SignatureAppearance appearance(String preset, Options o) {
        try {
            PresetFactory.act(preset);
        } catch (KysoException e) {
            throw new Main.UsageException(
                    "--preset: invisible | approve | initial | issue | copy | attachment | digitised | incoming");
        }
        return PresetFactory.build(preset, name -> PRESET_OPTIONS.containsKey(name)
                ? o.get(PRESET_OPTIONS.get(name), null) : null, name -> {
                    String file = o.get("--image", null);
                    try {
                        return file == null ? null : Files.readAllBytes(Path.of(file));
                    } catch (java.io.IOException e) {
                        throw new Main.UsageException("Không đọc được ảnh / cannot read image: " + file);
                    }
                }, Instant.now());
    }

    /** One PIN per run, from the terminal or stdin; never from an argument or an environment variable. */
    private static PinPrompt pinPrompt(boolean fromStdin, PrintStream err) {
        return request -> {
            if (fromStdin) {
                try {
                    String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                    return line == null ? Optional.empty() : Optional.of(line.trim().toCharArray());
                } catch (java.io.IOException e) {
                    return Optional.empty();
                }
            }
            Console console = System.console();
            if (console == null) {
                err.println("Không có cửa sổ dòng lệnh để nhập PIN; dùng --pin-stdin / no terminal for the PIN; use --pin-stdin");
                return Optional.empty();
            }
            String warning = switch (request.warning()) {
                case FINAL_TRY -> " — LẦN THỬ CUỐI, sai nữa token sẽ bị khóa / FINAL TRY";
                case COUNT_LOW -> " — đã có lần nhập sai / a wrong PIN was entered before";
                default -> "";
            };
            return Optional.ofNullable(console.readPassword("PIN của token \"%s\"%s: ", request.token().label(), warning));
        };
    }
}
