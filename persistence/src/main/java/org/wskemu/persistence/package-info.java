/**
 * The H2 store: opening and migrating the database, and Axon's JDBC event storage, token store
 * and thread-bound transactions on top of it.
 */
package org.wskemu.persistence;
