/**
 * The typed form of {@code audit.json}: one record per section, written and read with Jackson so the keys stay
 * those of format {@value org.lethe.audit.json.AuditDocument#FORMAT}. Numbers that may be undefined are boxed and
 * {@code null} when undefined; {@link org.lethe.audit.json.AuditJson} reads strictly (every key present, none
 * unknown).
 */
package org.lethe.audit.json;
