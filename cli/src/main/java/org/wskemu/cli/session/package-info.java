/** Session files ({@code .wsk.jsonl}, SESSION-FORMAT.md): read whole and checked line by line into typed calls before anything runs. */
package org.wskemu.cli.session;
