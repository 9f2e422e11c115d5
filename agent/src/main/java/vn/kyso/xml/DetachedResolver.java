package vn.kyso.xml;

import org.apache.xml.security.signature.XMLSignatureByteInput;
import org.apache.xml.security.signature.XMLSignatureInput;
import org.apache.xml.security.utils.resolver.ResourceResolverContext;
import org.apache.xml.security.utils.resolver.ResourceResolverSpi;

/**
 * Resolves a detached signature's one external Reference to the bytes the caller gave, and nothing else: a Reference
 * never makes the agent read a file or open a URL.
 */
public final class DetachedResolver extends ResourceResolverSpi {

    private final String uri;
    private final byte[] content;

    public DetachedResolver(String uri, byte[] content) {
        this.uri = uri;
        this.content = content;
    }

    @Override
    public boolean engineCanResolveURI(ResourceResolverContext context) {
        return uri.equals(context.uriToResolve);
    }

    @Override
    public XMLSignatureInput engineResolveURI(ResourceResolverContext context) {
        XMLSignatureInput input = new XMLSignatureByteInput(content);
        input.setSourceURI(uri);
        return input;
    }
}
