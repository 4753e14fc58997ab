/** Extension points: replace the executor Steadfast uses for asynchronous methods. */
package dev.steadfast.spi;
