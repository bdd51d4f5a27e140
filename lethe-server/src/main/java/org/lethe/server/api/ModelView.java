package org.lethe.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A model with its version line as the service knows it.
 *
 * @param id       the model id
 * @param method   its deletion method
 * @param exact    whether the method is exact
 * @param current  the current version's directory name
 * @param versions the versions, oldest first
 */
public record ModelView(String id, String method, boolean exact, String current, List<Version> versions) {
    /**
     * @param name      the version's directory name
     * @param parent    the version it was made from (null for the first)
     * @param batch     the worker batch that made it
     * @param createdAt when
     * @param requests  the requests it carried out
     */
    public record Version(String name, String parent, String batch, @JsonProperty("created_at") String createdAt,
                          List<String> requests) {
    }
}
