/**
 * Censored and truncated data fitted by maximum likelihood: univariate families with left, right
 * and interval censoring and left/right truncation ({@link org.mlem.survival.CensoredFit}, as R's
 * {@code fitdistrplus::fitdistcens}), and parametric accelerated-failure-time regression
 * ({@link org.mlem.survival.SurvivalRegression}, as {@code survival::survreg} and {@code AER::tobit}).
 */
package org.mlem.survival;
