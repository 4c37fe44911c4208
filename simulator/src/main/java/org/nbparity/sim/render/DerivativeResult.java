package org.nbparity.sim.render;

import java.util.List;
import org.nbparity.sim.setup.ParamTangent;

/**
 * The derivative images of one run (issue 18), accumulated in double.
 *
 * @param params the parameters, in the order of {@code -deriv}
 * @param value  the forward value of each pixel in double (before the binary32 store; its float
 *               is the forward image's pixel), index spixel*fpixels+fpixel, 0 outside ROI and mask
 * @param images d value / d parameter per parameter, photons per unit of the parameter
 */
public record DerivativeResult(List<ParamTangent> params, double[] value, double[][] images) {
}
