//! Technology, skill and knowledge mentions in posting text (being written).
