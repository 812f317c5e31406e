//! Date expressions as Chinese schedules write them (`6月16日`, `7月上旬至7月中旬`, `7.1前夕`).
//! Pure: never reads the clock; the default year is a parameter.
