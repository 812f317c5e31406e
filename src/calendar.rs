//! Working days on mainland China's official calendar.
