package io.bookstore.orchestrator.api;

/** A request that cannot be processed, with the HTTP status and error code the client gets. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(400, code, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
