"""gongkai: the 政务公开 platform."""
