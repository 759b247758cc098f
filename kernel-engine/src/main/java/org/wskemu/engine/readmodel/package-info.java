/** The read models as pure reducers over the event stream: sockets, address ownership, bind decisions and warnings. */
package org.wskemu.engine.readmodel;
