/** Storage of models, benchmarks, scores and evaluation jobs in PostgreSQL. */
package org.langscore.db;
