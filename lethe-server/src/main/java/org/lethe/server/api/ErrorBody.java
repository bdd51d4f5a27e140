package org.lethe.server.api;

/**
 * Every error the API returns.
 *
 * @param status the HTTP status
 * @param error  one line saying what is wrong
 */
public record ErrorBody(int status, String error) {
}
