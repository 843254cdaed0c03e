/**
 * Attention and the Transformer, after D2L chapter 11 (PyTorch edition): the masked softmax and the two scoring
 * functions (11.3), multi-head attention (11.5), positional encoding (11.6), the Transformer's blocks, encoder and
 * decoder (11.7) and the vision Transformer (11.8). Each class names the section it follows; parameter names match
 * the book's PyTorch modules, so {@link org.jdive.core.nn.Module#stateDict()} gives PyTorch's keys.
 *
 * <p>As in the book, the layers keep the attention weights of their last forward pass for plotting; those tensors
 * belong to the scope that forward pass ran in.
 */
package org.jdive.core.nn.attention;
