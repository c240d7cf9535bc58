/** The example script the form's help shows. */
export const EXAMPLE_SCRIPT = '# Sunlight\nSunlight holds every colour.\n\n# Scattering\nAir scatters blue light most.';
