package vn.kyso.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import vn.kyso.app.Caller;
import vn.kyso.errors.KysoException;
import vn.kyso.server.peer.PeerIdentity;

/**
 * Runs the {@link RequestGate} on every HTTP request, WebSocket upgrades included, before Javalin sees it: the peer
 * check first (refusals go to the audit log, folded), then Host, Origin and secret. A refused
 * caller gets 403 (401 for a local program without the secret) with the error as JSON, and nothing else happens.
 * Allowed browser origins get their CORS headers here. A WebSocket upgrade from an origin nobody has decided on yet
 * waits here while the person is asked (see {@link #isSocketUpgrade}). Health is open to local programs without the secret (it
 * reveals only the version; installers and {@code kyso doctor} probe it).
 */
final class GateFilter implements Filter {

    private final Supplier<RequestGate> gate;
    private final PeerRefusals refusals;

    GateFilter(Supplier<RequestGate> gate, PeerRefusals refusals) {
        this.gate = gate;
        this.refusals = refusals;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        RequestGate current = gate.get();
        if (current == null) {
            response.sendError(503);
            return;
        }
        String origin = request.getHeader("Origin");
        boolean openHealth = origin == null && "/v1/health".equals(request.getRequestURI());
        try {
            // first, before the Origin is even read: another account's request must not reach pairing or the secret
            try {
                current.admitPeer(connectionOf(request));
            } catch (KysoException e) {
                refusals.refused(origin);
                throw e;
            }
            Caller caller = openHealth
                    ? current.admitLocalHealth(request.getHeader("Host"))
                    : current.admit(request.getHeader("Host"), origin, request.getHeader("Authorization"),
                            isSocketUpgrade(request));
            caller.origin().ifPresent(o -> {
                response.setHeader("Access-Control-Allow-Origin", o);
                response.setHeader("Vary", "Origin");
            });
        } catch (KysoException e) {
            response.setStatus(e.errorCode() == ServerError.LOCAL_SECRET_REQUIRED ? 401 : 403);
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.getOutputStream().write(ProtocolCodec.httpError(e).getBytes(StandardCharsets.UTF_8));
            return;
        }
        chain.doFilter(req, res);
    }

    private static PeerIdentity.Connection connectionOf(HttpServletRequest request) throws ServletException {
        try {
            return new PeerIdentity.Connection(InetAddress.getByName(request.getRemoteAddr()),
                    request.getRemotePort(), InetAddress.getByName(request.getLocalAddr()),
                    request.getLocalPort());
        } catch (UnknownHostException e) {
            // the servlet container hands out literal addresses; a name here is a container bug, never a caller's
            throw new ServletException(e);
        }
    }

    /**
     * Only the WebSocket upgrade may open a pairing prompt (and wait for it): it is what a page does to actually use
     * the agent, and one request per connection. Health and preflights stay non-interactive, so probing the agent
     * never pops up a dialog.
     */
    private static boolean isSocketUpgrade(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) && "/v1/ws".equals(request.getRequestURI())
                && "websocket".equalsIgnoreCase(request.getHeader("Upgrade"));
    }
}
