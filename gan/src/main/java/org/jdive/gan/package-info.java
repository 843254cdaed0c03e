/**
 * Generative adversarial networks after D2L chapter 20: the adversarial update rules ({@link org.jdive.gan.Gan}),
 * an epoch trainer ({@link org.jdive.gan.GanTrainer}), the toy GAN of 20.1 ({@code toy}), mixtures of Gaussians
 * with the mode-coverage metric ({@code mixture}), DCGAN of 20.2 ({@code dcgan}), image datasets ({@code data}),
 * sample grids and checkpoints ({@code io}).
 */
package org.jdive.gan;
