/** The public API of jsonarena. */
package dev.jsonarena;
