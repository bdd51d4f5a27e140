package org.lethe.server.service;

/** A request the service refuses, with the HTTP status that says why (4xx) and a one-line message. */
public final class ServiceException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public ServiceException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    public static ServiceException badRequest(String message) {
        return new ServiceException(400, message);
    }

    public static ServiceException notFound(String message) {
        return new ServiceException(404, message);
    }

    public static ServiceException conflict(String message) {
        return new ServiceException(409, message);
    }
}
