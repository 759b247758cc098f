/** Time travel: the read models as of any position, from checkpoints plus the events after them. */
package org.wskemu.engine.timeline;
