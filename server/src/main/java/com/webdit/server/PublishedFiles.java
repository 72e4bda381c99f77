package com.webdit.server;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.ee10.servlet.ResourceServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.http.CompressedContentFormat;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.content.HttpContent;
import org.eclipse.jetty.http.content.ResourceHttpContent;
import org.eclipse.jetty.server.ResourceService;
import org.eclipse.jetty.util.resource.MemoryResource;

/**
 * GET and HEAD of the files the server publishes as bytes, {@code /weights/{file}} and
 * {@code /embed.js}, by Jetty's own resource serving: {@link ResourceServlet} and its
 * {@link ResourceService} pick the precompressed br or gzip body per Accept-Encoding (with
 * {@code Vary}), answer If-Modified-Since (304), byte ranges (206, 416) and HEAD,
 * and write any body larger than the output buffer asynchronously: a client that stops reading
 * holds a connection, not a pool thread, until Jetty's idle timeout closes it.
 *
 * <p>Chosen over Jetty's core {@code ResourceHandler} in front of Javalin because the servlet
 * runs inside Javalin's context: the WebSocket filter, the JSON error handler and the access log
 * cover it like every other route. The bodies are served from memory ({@link MemoryResource}),
 * the same bytes the store validated and hashed at startup, so a file changed on disk later can
 * never go out under an old ETag.
 *
 * <p>Only what is ours is added here: which names exist (a map of published paths, so a request
 * path never reaches a file system, and the {@code .br}/{@code .gz} siblings are not URLs of their
 * own), CORS, cache lifetimes, strong ETags from the SHA-256 ({@link Precompressed#BROTLI}), JSON
 * errors, If-None-Match against those ETags (see {@link #doGet}), and two Range rules Jetty 12.1's
 * service does not apply (see {@link #rangeApplies}).
 */
final class PublishedFiles extends ResourceServlet {
  static final String ALLOW = "GET, HEAD";
  static final String IMMUTABLE = "public, max-age=31536000, immutable";
  /** Revalidate every time: a new release must reach every site at once. */
  static final String REVALIDATE = "no-cache";

  /** One Range the way resumed downloads send it: first-last, first- or -suffix. */
  private static final Pattern ONE_RANGE = Pattern.compile("bytes=(\\d{1,18})?-(\\d{1,18})?");

  /** Each published path, with its Cache-Control. */
  private final Map<String, String> cacheControl = new HashMap<>();
  /** Every content Jetty may ask for: each published path, and each with .br / .gz appended. */
  private final Map<String, HttpContent> contents = new HashMap<>();

  /** Publishes {@code bytes} at {@code path} (e.g. "/embed.js") with this SHA-256 as its ETag. */
  PublishedFiles add(String path, Precompressed bytes, String sha256, String contentType, String cacheControl) {
    String etag = "\"" + sha256 + "\"";
    Set<CompressedContentFormat> formats = new LinkedHashSet<>(bytes.encoded().keySet());
    HttpContent identity = new Content(memory(path, bytes.identity()), contentType, etag, formats);
    this.cacheControl.put(path, cacheControl);
    contents.put(path, identity);
    // Jetty wraps these in PreCompressedHttpContent with the identity's type and ETag + format suffix.
    bytes.encoded().forEach((format, body) -> contents.put(path + format.getExtension(),
        new Content(memory(path + format.getExtension(), body), contentType, etag, Set.of())));
    return this;
  }

  private static MemoryResource memory(String path, byte[] body) {
    return new MemoryResource(URI.create("memory:" + path), body);
  }

  @Override
  public void init() throws ServletException {
    super.init();
    ResourceService service = getResourceService();
    service.setHttpContentFactory(contents::get);
    service.setPrecompressedFormats(Precompressed.FORMATS); // also the tie-break order: br before gzip
    service.setEtags(true);
    service.setAcceptRanges(true);
    service.setDirAllowed(false);
  }

  /** GET and HEAD only; anything else is 405 with Allow, like Javalin's routes. */
  @Override
  protected void service(HttpServletRequest req, HttpServletResponse res) throws ServletException, IOException {
    String method = req.getMethod();
    if (method.equals("GET") || method.equals("HEAD")) {
      super.service(req, res);
      return;
    }
    res.setHeader("Allow", ALLOW);
    error(res, 405, method + " is not served at " + req.getRequestURI() + "; it takes " + ALLOW);
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse res) throws ServletException, IOException {
    String path = getEncodedPathInContext(req, false);
    String cache = cacheControl.get(path);
    if (cache == null) {
      doNotFound(req, res, path);
      return;
    }
    res.setHeader("Access-Control-Allow-Origin", "*"); // host pages on any origin fetch these through the embed
    res.setHeader("Cache-Control", cache); // Jetty keeps a Cache-Control already set
    // The representation Jetty will send for this Accept-Encoding (the same lookup it repeats).
    HttpContent selected = getResourceService().getContent(path, ServletContextRequest.getServletContextRequest(req));
    Set<String> hidden = new HashSet<>();
    // Jetty compares If-None-Match with the tag stripped of its encoding suffix, so that any
    // encoding's tag revalidates every encoding (and its 304 names the client's tag). RFC 9110
    // (13.1.2) compares with the selected representation's own tag, and a cache keying on
    // Accept-Encoding relies on that: a brotli request with the identity body's tag gets the
    // brotli body. Hence If-None-Match is answered here, and If-Modified-Since, which a present
    // If-None-Match overrides (13.1.3), is then hidden from Jetty too.
    List<String> ifNoneMatch = Collections.list(req.getHeaders("If-None-Match"));
    if (!ifNoneMatch.isEmpty()) {
      if (ConditionalGet.matches(String.join(",", ifNoneMatch), selected.getETagValue())) {
        res.setHeader("ETag", selected.getETagValue());
        res.setHeader("Vary", "Accept-Encoding");
        res.setStatus(304);
        return;
      }
      hidden.addAll(List.of("If-None-Match", "If-Modified-Since"));
    }
    if (!rangeApplies(req, selected)) {
      hidden.addAll(List.of("Range", "If-Range"));
    }
    super.doGet(hidden.isEmpty() ? req : HiddenHeaders.without(req, hidden), res);
  }

  @Override
  protected void doNotFound(HttpServletRequest req, HttpServletResponse res, String path) throws IOException {
    String name = req.getPathInfo() == null ? "" : req.getPathInfo().substring(1);
    error(res, 404, "no weight file named \"" + name + "\"; see /api/models");
  }

  private static void error(HttpServletResponse res, int status, String message) throws IOException {
    byte[] body = ApiError.body(status, message, null).getBytes(StandardCharsets.UTF_8);
    res.setStatus(status);
    res.setContentType("application/json");
    res.setContentLength(body.length);
    res.getOutputStream().write(body);
  }

  /**
   * Whether the request's Range goes to Jetty. Jetty's parser answers 416 to a range unit it does
   * not know, where RFC 9110 (14.2) says to ignore the header, and to invalid ranges, and several
   * ranges get a multipart 206; we keep one rule, enough to resume a download: a single
   * well-formed {@code bytes} range, else the whole body (the RFC allows ignoring the rest). And
   * Jetty's service does not evaluate If-Range: a range is sent only of the very version the
   * client names (its strong ETag, or its Last-Modified date), else the whole body (RFC 9110,
   * 13.1.5), or a resumed download would splice two versions, or brotli onto identity bytes.
   */
  static boolean rangeApplies(HttpServletRequest req, HttpContent selected) {
    List<String> ranges = Collections.list(req.getHeaders("Range"));
    if (ranges.isEmpty()) {
      return true;
    }
    Matcher m = ranges.size() == 1 ? ONE_RANGE.matcher(ranges.get(0).trim()) : null;
    if (m == null || !m.matches() || m.group(1) == null && m.group(2) == null
        || m.group(1) != null && m.group(2) != null && Long.parseLong(m.group(2)) < Long.parseLong(m.group(1))) {
      return false;
    }
    String ifRange = req.getHeader("If-Range");
    if (ifRange == null) {
      return true;
    }
    HttpField lastModified = selected.getLastModified();
    return ifRange.trim().equals(selected.getETagValue()) || lastModified != null && ifRange.trim().equals(lastModified.getValue());
  }

  /** In-memory content with our strong ETag and the encodings it has siblings in. */
  private static final class Content extends HttpContent.Wrapper {
    private final HttpField etag;
    private final Set<CompressedContentFormat> formats;

    Content(MemoryResource resource, String contentType, String etag, Set<CompressedContentFormat> formats) {
      super(new ResourceHttpContent(resource, contentType));
      this.etag = new HttpField(HttpHeader.ETAG, etag);
      this.formats = Collections.unmodifiableSet(formats);
    }

    @Override
    public HttpField getETag() {
      return etag;
    }

    @Override
    public String getETagValue() {
      return etag.getValue();
    }

    @Override
    public Set<CompressedContentFormat> getPreCompressedContentFormats() {
      return formats;
    }
  }
}
