package org.langscore.web.pages;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The HTML answer of a page that fails (an unknown model, score or path): a browser gets a page with
 * the platform's header, not the API's JSON problem document.
 */
public final class ErrorPage {
    private ErrorPage() {
    }

    /** @return true when the path is a page's (not under {@code /api} or {@code /q}) */
    public static boolean isPage(String path) {
        String p = path.startsWith("/") ? path : "/" + path;
        return !(p.equals("/api") || p.startsWith("/api/") || p.equals("/q") || p.startsWith("/q/"));
    }

    /** @return the HTML response of a status with its reason and what went wrong */
    public static Response response(int status, String title, String detail) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Templates.error(status, title, detail).render()).build();
    }
}
