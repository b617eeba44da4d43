package io.bookstore.payment.http;

/** A request the API refuses, with the status and the {@code {"error":{"code","message"}}} it answers. */
public class ApiError extends RuntimeException {

    private final int status;
    private final String code;

    private ApiError(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public static ApiError badRequest(String code, String message) {
        return new ApiError(400, code, message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
