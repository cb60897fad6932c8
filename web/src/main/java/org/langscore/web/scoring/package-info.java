/** The one evaluation sequence (prepare, subject, pre-flight, evaluate, result) that the command line and the workers share. */
package org.langscore.web.scoring;
