package org.langscore.web.service;

import java.util.Map;

/**
 * A request to register a model: a local {@code path} under a configured root, or a Hub
 * {@code hubRepository} with its {@code revision}. Everything else is optional.
 *
 * @param identifier the name to list it under (default: the folder name or the repository id)
 * @param path an absolute path the server may read
 * @param hubRepository a Hugging Face Hub repository id ("openai-community/gpt2")
 * @param revision the Hub revision (commit, branch or tag); required with {@code hubRepository}
 * @param architecture the architecture family, if known
 * @param parameterCount the number of parameters, if known
 * @param dtype the weight data type, if known
 * @param submitter who submits it
 * @param publicModel whether it appears on the leaderboard (default true)
 * @param metadata free-form metadata
 */
public record ModelRegistration(String identifier, String path, String hubRepository, String revision,
                                String architecture, Long parameterCount, String dtype, String submitter,
                                Boolean publicModel, Map<String, Object> metadata) {
}
